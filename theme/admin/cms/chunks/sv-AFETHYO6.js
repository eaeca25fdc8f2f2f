throw new Error("langue sv non fournie : l’éditeur est en français");
