throw new Error("langue zh-TW non fournie : l’éditeur est en français");
