throw new Error("langue fa non fournie : l’éditeur est en français");
