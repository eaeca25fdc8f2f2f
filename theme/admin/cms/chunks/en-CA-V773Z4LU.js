throw new Error("langue en-CA non fournie : l’éditeur est en français");
