throw new Error("langue ca non fournie : l’éditeur est en français");
