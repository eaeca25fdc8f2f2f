throw new Error("langue pt-PT non fournie : l’éditeur est en français");
