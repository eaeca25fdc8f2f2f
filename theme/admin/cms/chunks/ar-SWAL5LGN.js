throw new Error("langue ar non fournie : l’éditeur est en français");
