throw new Error("langue bg non fournie : l’éditeur est en français");
