throw new Error("langue ja non fournie : l’éditeur est en français");
