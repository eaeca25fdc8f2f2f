throw new Error("langue fi non fournie : l’éditeur est en français");
