/** Sends a file to one person, in their DM with the bot (files.uploadV2 needs a channel id, not a user id). */
import type { WebClient } from '@slack/web-api';
import { classifySlackError } from './outbox/dispatcher.js';

export interface FileToSend {
  content: string | Buffer;
  filename: string;
  title: string;
  comment: string;
}

/** Uploads the file into the person's DM; null when it went out, else Slack's reason. */
export async function sendFileToUser(client: WebClient, userId: string, file: FileToSend): Promise<string | null> {
  try {
    const opened = await client.conversations.open({ users: userId });
    const channelId = opened.channel?.id;
    if (!channelId) return 'channel_not_found';
    await client.files.uploadV2({
      channel_id: channelId,
      file: typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content,
      filename: file.filename,
      title: file.title,
      initial_comment: file.comment,
    });
    return null;
  } catch (error) {
    return classifySlackError(error).reason;
  }
}
