// Writes the JSON Schemas derived from the code into schemas/, for editors and users.
import { schemaFiles } from '../src/report/schema-files.js';
import { writeFileAtomic, toJson } from '../src/util/atomic-write.js';

for (const [file, schema] of Object.entries(schemaFiles())) {
  writeFileAtomic(file, toJson(schema));
  process.stdout.write(`wrote ${file}\n`);
}
