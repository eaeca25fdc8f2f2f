throw new Error("langue it non fournie : l\u2019\xE9diteur est en fran\xE7ais");
