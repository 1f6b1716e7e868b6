/**
 * Shares an image in a channel with Slack's three-step upload (getUploadURLExternal, POST the bytes
 * to the upload URL, completeUploadExternal). web-api's uploadV2 does the same but sends the image
 * description as `alt_text`, while files.getUploadURLExternal documents it as `alt_txt`
 * (https://docs.slack.dev/reference/methods/files.getUploadURLExternal): we send the documented
 * name, so screen readers get the description.
 */
import type { WebClient } from '@slack/web-api';

export interface ImageUpload {
  channelId: string;
  bytes: Buffer;
  contentType: string;
  filename: string;
  title: string;
  /** The description for screen readers (Slack allows up to 1000 characters). */
  altText: string;
  initialComment: string;
  /** The bot token to upload with (distribution mode: the workspace's); omitted: the client's own. */
  token?: string;
}

/** How long the POST of the bytes may take (web-api calls have their own timeout). */
const UPLOAD_TIMEOUT_MS = 10_000;

/** Uploads and shares the image; throws what the failing step threw (a web-api error, or an Error for the POST). */
export async function uploadImage(client: WebClient, upload: ImageUpload): Promise<void> {
  const auth = upload.token ? { token: upload.token } : {};
  const target = (await client.apiCall('files.getUploadURLExternal', {
    ...auth,
    filename: upload.filename,
    length: upload.bytes.length,
    alt_txt: upload.altText,
  })) as { upload_url?: string; file_id?: string };
  if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal returned no upload URL');
  const form = new FormData();
  // One multipart part holding the file, as in Slack's own example (curl -F filename="@chart.png").
  form.append('filename', new Blob([upload.bytes], { type: upload.contentType }), upload.filename);
  const response = await fetch(target.upload_url, { method: 'POST', body: form, signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS) });
  await response.arrayBuffer().catch(() => undefined);
  if (response.status !== 200) throw new Error(`upload_http_${response.status}`);
  await client.files.completeUploadExternal({
    ...auth,
    files: [{ id: target.file_id, title: upload.title }],
    channel_id: upload.channelId,
    initial_comment: upload.initialComment,
  });
}
