throw new Error("langue nl non fournie : l’éditeur est en français");
