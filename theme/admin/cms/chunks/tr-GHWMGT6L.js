throw new Error("langue tr non fournie : l’éditeur est en français");
