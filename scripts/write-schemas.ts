// Writes the JSON Schemas derived from the code into schemas/, for editors and users.
import { schemaFiles } from '../src/config/schema-files.js';
import { writeFileAtomic, toJson } from '../src/report/atomic-write.js';

for (const [file, schema] of Object.entries(schemaFiles())) {
  writeFileAtomic(file, toJson(schema));
  process.stdout.write(`wrote ${file}\n`);
}
