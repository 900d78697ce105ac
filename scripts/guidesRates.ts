// Writes the phrasing rates into docs/guides.md: `npm run guides:rates`.
import { loadFlows } from '../src/flows/loader.js';
import { writeRatesTable } from '../test/guides/phrasings/rates.js';

console.log(writeRatesTable(loadFlows()));
