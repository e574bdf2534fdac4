/** How an API rule reads in an operation's description. */
export function ruleText(rule: string | null): string {
  if (rule === null) return 'Superusers only (the rule is not set).';
  if (rule.trim() === '') return 'Anyone, guests included (the rule is empty).';
  return `Allowed when this rule holds for the requester and the record:\n\n\`\`\`\n${rule}\n\`\`\``;
}
