// Compiles a Typst file to PDF with @myriaddreamin/typst-ts-node-compiler, fonts from
// the TW-Kai folder only. Usage: node compile.js IN.typ OUT.pdf
const path = require('path');
const fs = require('fs');
const { NodeCompiler } = require(process.env.TYPST_TS || '@myriaddreamin/typst-ts-node-compiler');
const [typ, out] = process.argv.slice(2);
const c = NodeCompiler.create({ workspace: path.dirname(path.resolve(typ)),
                                fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/cns11643'] }] });
const r = c.compile({ mainFilePath: path.resolve(typ) });
if (r.hasError()) { r.printDiagnostics(); process.exit(1); }
fs.writeFileSync(out, c.pdf(r.result));
