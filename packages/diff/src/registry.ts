import type { KindDiffer } from "./differ.js";
import { columnDiffer } from "./kinds/columns.js";
import { constraintDiffer } from "./kinds/constraints.js";
import { domainDiffer } from "./kinds/domains.js";
import { extensionDiffer } from "./kinds/extensions.js";
import { functionDiffer, procedureDiffer } from "./kinds/functions.js";
import { indexDiffer } from "./kinds/indexes.js";
import { languageDiffer } from "./kinds/languages.js";
import { policyDiffer } from "./kinds/policies.js";
import { ruleDiffer } from "./kinds/rules.js";
import { schemaDiffer } from "./kinds/schema.js";
import { sequenceDiffer } from "./kinds/sequences.js";
import { statisticsDiffer } from "./kinds/statistics.js";
import { tableDiffer } from "./kinds/table.js";
import { triggerDiffer } from "./kinds/triggers.js";
import { typeDiffer } from "./kinds/types.js";
import { materializedViewDiffer, viewDiffer } from "./kinds/views.js";
import { aggregateDiffer } from "./kinds/aggregates.js";
import { castDiffer } from "./kinds/casts.js";
import { collationDiffer } from "./kinds/collations.js";
import { conversionDiffer } from "./kinds/conversions.js";
import { eventTriggerDiffer } from "./kinds/eventtriggers.js";
import { defaultPrivilegesDiffer } from "./kinds/defaultprivileges.js";
import { publicationDiffer } from "./kinds/publications.js";
import { withTypedTables } from "./kinds/typed-tables.js";
import { foreignDataWrapperDiffer, foreignTableDiffer, serverDiffer, userMappingDiffer } from "./kinds/foreign.js";
import { operatorClassDiffer, operatorDiffer, operatorFamilyDiffer } from "./kinds/operators.js";
import {
  textSearchConfigurationDiffer,
  textSearchDictionaryDiffer,
  textSearchParserDiffer,
  textSearchTemplateDiffer,
} from "./kinds/textsearch.js";

/**
 * Every kind's differ, parents before their children (a table before its
 * columns). The order is also the tie-break between statements that do
 * not depend on each other, so output is deterministic. To add a kind,
 * write `kinds/<kind>.ts` and list its differ here.
 */
export const differs: readonly KindDiffer[] = [
  schemaDiffer,
  extensionDiffer,
  languageDiffer,
  typeDiffer,
  domainDiffer,
  sequenceDiffer,
  functionDiffer,
  procedureDiffer,
  tableDiffer,
  withTypedTables(columnDiffer),
  constraintDiffer,
  indexDiffer,
  viewDiffer,
  materializedViewDiffer,
  triggerDiffer,
  ruleDiffer,
  policyDiffer,
  statisticsDiffer,
  ...[collationDiffer, conversionDiffer, aggregateDiffer, operatorDiffer, operatorFamilyDiffer, operatorClassDiffer, castDiffer],
  ...[textSearchParserDiffer, textSearchTemplateDiffer, textSearchDictionaryDiffer, textSearchConfigurationDiffer],
  ...[foreignDataWrapperDiffer, serverDiffer, userMappingDiffer, foreignTableDiffer, eventTriggerDiffer],
  defaultPrivilegesDiffer,
  publicationDiffer,
] as KindDiffer[];
