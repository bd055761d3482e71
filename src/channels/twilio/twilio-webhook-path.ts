/** Where Twilio posts inbound SMS and WhatsApp messages. Its own module: naming the path must not load the SDK. */
export const TWILIO_WEBHOOK_PATH = '/api/twilio/messages';
