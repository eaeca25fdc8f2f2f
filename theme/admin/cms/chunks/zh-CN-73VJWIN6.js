throw new Error("langue zh-CN non fournie : l\u2019\xE9diteur est en fran\xE7ais");
