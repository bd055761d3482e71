import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContent } from './check-content.js';

// `npm run lint:dialogs [dir]`: prints every finding and exits 1 if there is any.
const root = process.argv[2] ? path.resolve(process.argv[2]) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const findings = await checkContent(root);
for (const f of findings) process.stdout.write(`${f}\n`);
process.stdout.write(findings.length === 0 ? 'lint:dialogs: dialogs and content are fine\n' : `lint:dialogs: ${findings.length} finding(s)\n`);
process.exitCode = findings.length === 0 ? 0 : 1;
