/**
 * The rule ids of the specification. Errors, explanations and events cite them.
 * @since 0.1.0
 */
export const RULE_IDS = [
  "ACC-1", "ACC-2", "ACC-3", "ACC-4", "ACC-5", "ACC-6", "ACC-7", "ACC-8", "ACC-9", "ACC-10",
  "ASG-1", "ASG-2", "ASG-3", "ASG-4", "ASG-5", "ASG-6", "ASG-7", "ASG-8", "ASG-9", "ASG-10",
  "SHR-1", "SHR-2", "SHR-3", "SHR-4", "SHR-5", "SHR-6", "SHR-7", "SHR-8", "SHR-9",
  "LIF-1", "LIF-2", "LIF-3", "LIF-4", "LIF-5", "LIF-6", "LIF-7", "LIF-8",
  "REA-1", "REA-2", "REA-3", "REA-4",
  "SP-1", "SP-2", "SP-3", "SP-4", "SP-5", "SP-6", "SP-7", "SP-8", "SP-9",
  "SEC-1", "SEC-2", "SEC-3", "SEC-4", "SEC-5", "SEC-6", "SEC-7", "SEC-8", "SEC-9",
  "AST-1", "AST-2", "AST-3", "AST-4", "AST-5", "AST-6", "AST-7",
] as const;

/** A rule id of the specification, such as `"ASG-4"`. */
export type RuleId = (typeof RULE_IDS)[number];

/**
 * Refusals that come from the library's own contract rather than a CRM rule: malformed input (`input`),
 * and office administration that only office admins may do (`office`).
 */
export type ContractId = "input" | "office";
