throw new Error("langue da non fournie : l’éditeur est en français");
