throw new Error("langue el non fournie : l’éditeur est en français");
