throw new Error("langue vi non fournie : l’éditeur est en français");
