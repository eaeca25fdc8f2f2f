throw new Error("langue ko non fournie : l’éditeur est en français");
