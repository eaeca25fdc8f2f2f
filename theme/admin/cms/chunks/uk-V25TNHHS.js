throw new Error("langue uk non fournie : l’éditeur est en français");
