throw new Error("langue ru non fournie : l’éditeur est en français");
