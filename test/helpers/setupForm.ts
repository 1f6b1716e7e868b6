import { SETUP } from '../../src/slack/ids.js';
import { channelValue, selectValue, textValue, userValue, usersValue } from './signedClient.js';

export const multiSelectValue = (values: string[]) => ({
  type: 'multi_static_select',
  selected_options: values.map((value) => ({ text: { type: 'plain_text', text: value }, value })),
});

export interface SetupFormFields {
  name?: string;
  teamChannel?: string;
  triageChannel?: string | null;
  stakeholderChannel?: string | null;
  productOwner?: string;
  scrumMaster?: string;
  members?: string[];
  sprintLength?: string;
  standupTime?: string;
  standupDays?: string[];
  standupWindow?: string;
  standupReminder?: string;
  timezone?: string;
  burndownTime?: string;
  burndownDays?: string[];
  digestDay?: string;
  digestTime?: string;
  captureReaction?: string;
  holidays?: string;
  itemPrefix?: string;
  watchChannels?: string[];
}

/** The /rituals setup form's state values, as Slack sends them on submit (every field filled). */
export function setupFormValues(fields: SetupFormFields = {}): any {
  const f = {
    name: 'Payments',
    teamChannel: 'C_PAY',
    triageChannel: 'C_PAY_TRIAGE',
    stakeholderChannel: null,
    productOwner: 'U_PO',
    scrumMaster: 'U_SM',
    members: ['U_ALICE', 'U_BOB'],
    sprintLength: '10',
    standupTime: '09:15',
    standupDays: ['1', '3', '5'],
    standupWindow: '180',
    standupReminder: '60',
    timezone: 'Europe/Berlin',
    burndownTime: '17:00',
    burndownDays: ['1', '2', '3', '4', '5'],
    digestDay: '5',
    digestTime: '16:00',
    captureReaction: ':inbox_tray:',
    holidays: '2026-12-25\n2026-12-24',
    itemPrefix: 'pay',
    watchChannels: [] as string[],
    ...fields,
  };
  const b = SETUP.blocks;
  const v = (value: unknown) => ({ value });
  return {
    [b.name]: v(textValue(f.name)),
    [b.teamChannel]: v(channelValue(f.teamChannel)),
    [b.triageChannel]: v(channelValue(f.triageChannel)),
    [b.stakeholderChannel]: v(channelValue(f.stakeholderChannel)),
    [b.productOwner]: v(userValue(f.productOwner)),
    [b.scrumMaster]: v(userValue(f.scrumMaster)),
    [b.members]: v(usersValue(f.members)),
    [b.sprintLength]: v(textValue(f.sprintLength)),
    [b.standupTime]: v(textValue(f.standupTime)),
    [b.standupDays]: v(multiSelectValue(f.standupDays)),
    [b.standupWindow]: v(textValue(f.standupWindow)),
    [b.standupReminder]: v(textValue(f.standupReminder)),
    [b.timezone]: v(textValue(f.timezone)),
    [b.burndownTime]: v(textValue(f.burndownTime)),
    [b.burndownDays]: v(multiSelectValue(f.burndownDays)),
    [b.digestDay]: v(selectValue(f.digestDay)),
    [b.digestTime]: v(textValue(f.digestTime)),
    [b.captureReaction]: v(textValue(f.captureReaction)),
    [b.holidays]: v(textValue(f.holidays)),
    [b.itemPrefix]: v(textValue(f.itemPrefix)),
    [b.watchChannels]: v({ type: 'multi_conversations_select', selected_conversations: f.watchChannels }),
  };
}
