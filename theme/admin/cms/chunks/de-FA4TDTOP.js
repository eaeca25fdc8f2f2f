throw new Error("langue de non fournie : l’éditeur est en français");
