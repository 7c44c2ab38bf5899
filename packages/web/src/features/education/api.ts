import type {
  HelpPageSetting,
  SaveTopicRequest,
  ShareTopicRequest,
  Topic,
  TopicShare,
  TopicSummary,
} from '@puente/core';
import { api } from '../../app/api';
import { fromLibrary, LIBRARY_LIST, libraryTopic } from '../../offline/library';

const topic = libraryTopic;

/** The library and its topics come from the phone's kept copy when there is no signal. */
export const listTopics = () => fromLibrary<{ topics: TopicSummary[] }>(LIBRARY_LIST).then((r) => r.topics);
export const getTopic = (id: string) => fromLibrary<Topic>(topic(id));
export const topicVersions = (id: string) =>
  api<{ versions: { version: number; title: string; savedAt: string; savedBy: string }[] }>(
    'GET',
    `${topic(id)}/versions`,
  ).then((r) => r.versions);
export const saveTopic = (id: string, body: SaveTopicRequest) => api<Topic>('PUT', topic(id), body);

export const shareTopic = (clientId: string, body: ShareTopicRequest) =>
  api<TopicShare>('POST', `/api/clients/${encodeURIComponent(clientId)}/education-shares`, body);

export const getHelpPageSetting = () => api<HelpPageSetting | null>('GET', '/api/program/help-page');
export const saveHelpPageSetting = (body: HelpPageSetting) =>
  api<HelpPageSetting>('PUT', '/api/program/help-page', body);
