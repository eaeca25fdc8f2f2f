throw new Error("langue zh-CN non fournie : l’éditeur est en français");
