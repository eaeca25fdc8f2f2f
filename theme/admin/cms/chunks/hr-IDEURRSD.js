throw new Error("langue hr non fournie : l’éditeur est en français");
