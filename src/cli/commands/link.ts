/**
 * `cli link NAME [--user ID] [--guild ID] [--db PATH] [--json]` links a member to a notes author;
 * `cli link --remove [--user ID]` removes it; `cli link` (no name) shows it. JSON: `{ "user", "author" }`.
 */
import { linkedAuthor, normalizeAuthor, removeLink, setLink } from '../../group/links.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { parseFlags, printJson } from './studyCommon.js';
import { groupOptions, withGroup } from './groupCommon.js';

const USAGE = 'link [NAME] [--remove] [--user ID] [--guild ID] [--db PATH] [--json]';

export const linkCli: CliCommand = {
  name: 'link',
  usage: [USAGE],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...groupOptions, remove: { type: 'boolean' } });
    const name = normalizeAuthor(positionals.join(' '));
    if (name.length > 100) throw new CliUsageError('NAME must be at most 100 characters');
    if (values.remove && name) throw new CliUsageError('--remove takes no NAME');
    return withGroup(io, values, ({ deps, guildId, userId, now, t }) => {
      if (values.remove) removeLink(deps.db, guildId, userId);
      else if (name) setLink(deps.db, guildId, userId, name, userId, now);
      const author = linkedAuthor(deps.db, guildId, userId);
      if (values.json) printJson(io, { user: userId, author });
      else
        writeLine(
          io.stdout,
          author ? t('group.link.current', { user: userId, author }) : t('group.link.none', { user: userId }),
        );
      return 0;
    });
  },
};
