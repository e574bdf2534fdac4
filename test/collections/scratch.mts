import { parseIndex } from '../../src/core/collections/index-def.js';
console.log(parseIndex("CREATE INDEX a ON posts (title) WHERE 1; DROP TABLE users"), parseIndex("CREATE INDEX a ON posts (title) WHERE title != ';'")?.where);
