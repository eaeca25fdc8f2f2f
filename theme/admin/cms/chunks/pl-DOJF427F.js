throw new Error("langue pl non fournie : l’éditeur est en français");
