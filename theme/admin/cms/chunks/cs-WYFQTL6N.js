throw new Error("langue cs non fournie : l’éditeur est en français");
