throw new Error("langue nl non fournie : l\u2019\xE9diteur est en fran\xE7ais");
