throw new Error("langue es-CO non fournie : l’éditeur est en français");
