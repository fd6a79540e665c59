import type { Augmenter, ColumnDef, FunctionDef, TriggerDef } from "./definitions.js";

// The predefined augmenter. Names (columns, audit kinds, functions) are
// Pyrseas's, so a Pyrseas spec means the same here; the definitions differ
// where Pyrseas's do not work on a live database (see docs/dbaugment.md).

const user = (name: string): ColumnDef => ({ name, type: "character varying(63)", not_null: true, default: "CURRENT_USER" });
const time = (name: string): ColumnDef => ({ name, type: "timestamp with time zone", not_null: true, default: "CURRENT_TIMESTAMP" });
const address = (name: string): ColumnDef => ({
  name,
  type: "inet",
  not_null: true,
  default: "COALESCE(inet_client_addr(), '0.0.0.0'::inet)",
});

const columns: Record<string, ColumnDef> = {
  created_by_ip_address: address("created_by_ip_address"),
  created_by_user: user("created_by_user"),
  created_date: { name: "created_date", type: "date", not_null: true, default: "CURRENT_DATE" },
  created_timestamp: time("created_timestamp"),
  modified_by_ip_address: address("modified_by_ip_address"),
  modified_by_user: user("modified_by_user"),
  modified_timestamp: time("modified_timestamp"),
};

const auditDefault = `
BEGIN
  NEW.{{modified_by_user}} := {{schema}}.audit_user();
  NEW.{{modified_timestamp}} := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
`;

const auditModified = `
BEGIN
  NEW.{{modified_timestamp}} := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
`;

// On UPDATE the created_* values are kept from the old row, so no UPDATE can change them.
const auditFull = `
DECLARE
  user_name character varying := {{schema}}.audit_user();
  address inet := {{schema}}.audit_ip_address();
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.{{created_timestamp}} := CURRENT_TIMESTAMP;
    NEW.{{created_by_user}} := user_name;
    NEW.{{created_by_ip_address}} := address;
  ELSE
    NEW.{{created_timestamp}} := OLD.{{created_timestamp}};
    NEW.{{created_by_user}} := OLD.{{created_by_user}};
    NEW.{{created_by_ip_address}} := OLD.{{created_by_ip_address}};
  END IF;
  NEW.{{modified_timestamp}} := CURRENT_TIMESTAMP;
  NEW.{{modified_by_user}} := user_name;
  NEW.{{modified_by_ip_address}} := address;
  RETURN NEW;
END;
`;

// The user: what the application declares (pyrseas.audit_user, as Pyrseas reads it), else the
// role in effect (SET ROLE; current_user inside a SECURITY DEFINER function is its owner), else the login.
const auditUser = `
SELECT COALESCE(NULLIF(current_setting('pyrseas.audit_user', true), ''),
                NULLIF(current_setting('role'), 'none'),
                session_user)::character varying
`;

const auditAddress = `
SELECT COALESCE(NULLIF(current_setting('pyrseas.audit_ip_address', true), '')::inet,
                inet_client_addr(),
                '0.0.0.0'::inet)
`;

function trigger(name: string, procedure: string): TriggerDef {
  return { name, timing: "before", events: ["insert", "update"], level: "row", procedure };
}

function triggerFunction(name: string, template: string, description: string, calls: string[]): FunctionDef {
  return {
    name,
    arguments: "",
    language: "plpgsql",
    returns: "trigger",
    source: `{{${template}}}`,
    description,
    security_definer: true,
    calls,
  };
}

function helper(name: string, returns: string, source: string, description: string): FunctionDef {
  return { name, arguments: "", language: "sql", returns, source, description, security_definer: true, volatility: "stable", calls: [] };
}

export function predefinedAugmenter(): Augmenter {
  return structuredClone({
    columns,
    audit_columns: {
      created_date_only: { columns: ["created_date"], triggers: [] },
      default: { columns: ["modified_by_user", "modified_timestamp"], triggers: ["audit_default"] },
      full: {
        columns: [
          "created_by_user",
          "created_by_ip_address",
          "created_timestamp",
          "modified_by_user",
          "modified_by_ip_address",
          "modified_timestamp",
        ],
        triggers: ["audit_full"],
      },
      modified_only: { columns: ["modified_timestamp"], triggers: ["audit_modified_only"] },
    },
    function_templates: {
      functempl_audit_default: { source: auditDefault },
      functempl_audit_full: { source: auditFull },
      functempl_audit_modified: { source: auditModified },
    },
    functions: {
      audit_default: triggerFunction(
        "audit_default",
        "functempl_audit_default",
        "Fills the modified_by_user and modified_timestamp audit columns.",
        ["audit_user"],
      ),
      audit_full: triggerFunction("audit_full", "functempl_audit_full", "Fills the created and modified audit columns.", [
        "audit_user",
        "audit_ip_address",
      ]),
      audit_modified: triggerFunction("audit_modified", "functempl_audit_modified", "Fills the modified_timestamp audit column.", []),
      audit_user: helper(
        "audit_user",
        "character varying",
        auditUser,
        "The user audit columns record: pyrseas.audit_user if set, else the current role.",
      ),
      audit_ip_address: helper(
        "audit_ip_address",
        "inet",
        auditAddress,
        "The client address audit columns record: pyrseas.audit_ip_address if set, else the connection's.",
      ),
    },
    triggers: {
      audit_default: trigger("zz_audit_default", "audit_default()"),
      audit_full: trigger("zz_audit_full", "audit_full()"),
      audit_modified_only: trigger("zz_audit_modified_only", "audit_modified()"),
    },
  });
}
