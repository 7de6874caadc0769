/**
 * /link <name> [user]: which notes author a member is (autocomplete from the notes' authors). Admins can link
 * another member with `user:`. Without a name it shows the member's current link.
 */
import { UserError } from '../../core/errors.js';
import { linkedAuthor, normalizeAuthor, removeLink, setLink } from '../../group/links.js';
import { notesAuthors } from '../../group/week.js';
import { defineCommand, describe, OptionType, type Choice } from '../types.js';
import { esc, remember } from '../study/common.js';

export const linkCommand = defineCommand({
  data: {
    name: 'link',
    ...describe('group.cmd.link'),
    contexts: [0],
    options: [
      { type: OptionType.String, name: 'name', ...describe('group.opt.author'), autocomplete: true, max_length: 100 },
      { type: OptionType.User, name: 'user', ...describe('group.opt.linkUser') },
      { type: OptionType.Boolean, name: 'remove', ...describe('group.opt.unlink') },
    ],
  },
  ephemeral: () => true,
  run(ctx, args) {
    const { db, clock, notes } = ctx.services;
    const target = args.user ?? ctx.user;
    if (target.id !== ctx.user.id && !ctx.isAdmin) throw new UserError('error.adminOnly');
    remember(ctx);
    if (args.user) remember(ctx, args.user);
    if (args.remove) {
      const had = removeLink(db, ctx.guildId, target.id);
      return { content: ctx.t(had ? 'group.link.removed' : 'group.link.none', { user: esc(target.name) }) };
    }
    if (!args.name) {
      const author = linkedAuthor(db, ctx.guildId, target.id);
      return {
        content: author
          ? ctx.t('group.link.current', { user: esc(target.name), author: esc(author) })
          : ctx.t('group.link.none', { user: esc(target.name) }),
      };
    }
    const name = normalizeAuthor(args.name);
    if (name.length === 0) throw new UserError('group.error.author');
    const known = notesAuthors(notes.index).includes(name);
    const { takenFrom } = setLink(db, ctx.guildId, target.id, name, ctx.user.id, clock.now());
    const lines = [ctx.t('group.link.done', { user: esc(target.name), author: esc(name) })];
    if (!known) lines.push(ctx.t('group.link.unknownAuthor', { author: esc(name) }));
    if (takenFrom) lines.push(ctx.t('group.link.moved', { user: `<@${takenFrom}>` }));
    return { content: lines.join('\n') };
  },
  autocomplete(ctx, focused): Choice[] {
    if (focused.name !== 'name') return [];
    const q = focused.value.normalize('NFC').trim().toLowerCase();
    return notesAuthors(ctx.services.notes.index)
      .filter((a) => !q || a.toLowerCase().includes(q))
      .slice(0, 25)
      .map((a) => ({ name: a.slice(0, 100), value: a.slice(0, 100) }));
  },
});
