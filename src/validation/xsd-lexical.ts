/**
 * SHACL's sh:datatype fails ill-formed literals (SHACL §4.1.1), and rdf-validate-shacl asks rdf-validate-datatype
 * whether a literal is well-formed; its date patterns accept any two digits as month and day, so a press release
 * dated "2009-13-45"^^xsd:date passed the gate. Its registry is the extension point for stricter checks: these
 * replace the date and time ones, in every thread that validates (validate.ts imports this module).
 */
import { validators } from 'rdf-validate-datatype';
import { DataFactory } from 'n3';
import { NS } from '../model/ns.js';
import { isXsdDate, isXsdDateTime, isXsdGYearMonth } from '../model/xsd-dates.js';

const xsd = (local: string) => DataFactory.namedNode(`${NS.xsd}${local}`);

validators.register(xsd('date'), (value: string) => isXsdDate(value));
validators.register(xsd('dateTime'), (value: string) => isXsdDateTime(value));
validators.register(xsd('dateTimeStamp'), (value: string) => isXsdDateTime(value, true));
validators.register(xsd('gYearMonth'), (value: string) => isXsdGYearMonth(value));
