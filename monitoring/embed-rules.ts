// `npm run rules:embed`: writes what the embedded engine reads of monitoring/rules.yml (./embedded-rules.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { embeddedRules, RULE_FILE_MODULE, ruleFileModule } from './embedded-rules';

const text = ruleFileModule(embeddedRules(readFileSync('monitoring/rules.yml', 'utf8')));
writeFileSync(RULE_FILE_MODULE, await format(text, { ...(await resolveConfig(RULE_FILE_MODULE)), filepath: RULE_FILE_MODULE }));
console.log(`Wrote ${RULE_FILE_MODULE} from monitoring/rules.yml.`);
