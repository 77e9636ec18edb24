// tsc does not copy hand-placed .d.ts files: put the generated schema types next to index.d.ts.
import { copyFileSync } from "node:fs";

copyFileSync(new URL("../src/schema.d.ts", import.meta.url), new URL("../dist/schema.d.ts", import.meta.url));
