throw new Error("langue pt-BR non fournie : l’éditeur est en français");
