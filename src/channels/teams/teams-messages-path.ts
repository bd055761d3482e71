/** Where Teams posts activities (the messaging endpoint in the bot registration). Its own file: the OpenAPI document names it without loading the Teams SDK. */
export const TEAMS_MESSAGES_PATH = '/api/teams/messages';
