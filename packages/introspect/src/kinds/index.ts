import type { IntrospectionKind } from "../framework.js";
import { columns } from "./columns.js";
import { defaultPrivileges } from "./defaultprivileges.js";
import { constraints } from "./constraints.js";
import { domains } from "./domains.js";
import { extensions } from "./extensions.js";
import { functions } from "./functions.js";
import { indexes } from "./indexes.js";
import { languages } from "./languages.js";
import { policies } from "./policies.js";
import { relations } from "./relations.js";
import { rules } from "./rules.js";
import { schemas } from "./schemas.js";
import { sequences } from "./sequences.js";
import { statistics } from "./statistics.js";
import { triggers } from "./triggers.js";
import { types } from "./types.js";
import { aggregates } from "./aggregates.js";
import { casts } from "./casts.js";
import { collations } from "./collations.js";
import { conversions } from "./conversions.js";
import { eventTriggers } from "./eventtriggers.js";
import { publications } from "./publications.js";
import { foreignDataWrappers, foreignServers, userMappings } from "./foreign.js";
import { operatorClasses, operatorFamilies, operators } from "./operators.js";
import { configurations, dictionaries, parsers, templates } from "./textsearch.js";

/**
 * Every kind, in the order their rows are applied: schemas first, then the
 * objects that own others (relations, composite types), then their parts.
 * A new kind is a module in this folder added here.
 */
export const allKinds: readonly IntrospectionKind[] = [
  schemas,
  extensions,
  languages,
  relations,
  sequences,
  types,
  domains,
  functions,
  columns,
  constraints,
  indexes,
  triggers,
  rules,
  policies,
  statistics,
  aggregates,
  operators,
  operatorFamilies,
  operatorClasses,
  collations,
  conversions,
  parsers,
  templates,
  dictionaries,
  configurations,
  casts,
  foreignDataWrappers,
  foreignServers,
  userMappings,
  eventTriggers,
  defaultPrivileges,
  publications,
];
