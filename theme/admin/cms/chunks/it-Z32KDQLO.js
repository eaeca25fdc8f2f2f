throw new Error("langue it non fournie : l’éditeur est en français");
