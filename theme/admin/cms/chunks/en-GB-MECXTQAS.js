throw new Error("langue en-GB non fournie : l’éditeur est en français");
