import type {
  HelpPageSetting,
  SaveTopicRequest,
  ShareTopicRequest,
  Topic,
  TopicShare,
  TopicSummary,
} from '@puente/core';
import { call } from '../../app/api-client';
import { fromLibrary, LIBRARY_LIST, libraryTopic } from '../../offline/library';

const topic = libraryTopic;

/** The library and its topics come from the phone's kept copy when there is no signal. */
export const listTopics = () => fromLibrary<{ topics: TopicSummary[] }>(LIBRARY_LIST).then((r) => r.topics);
export const getTopic = (id: string) => fromLibrary<Topic>(topic(id));
export const topicVersions = (
  topicId: string,
): Promise<{ version: number; title: string; savedAt: string; savedBy: string }[]> =>
  call('get', '/api/education/topics/{topicId}/versions', { path: { topicId } }).then((r) => r.versions);
export const saveTopic = (topicId: string, body: SaveTopicRequest): Promise<Topic> =>
  call('put', '/api/education/topics/{topicId}', { path: { topicId }, body });

export const shareTopic = (clientId: string, body: ShareTopicRequest): Promise<TopicShare> =>
  call('post', '/api/clients/{id}/education-shares', { path: { id: clientId }, body });

export const getHelpPageSetting = (): Promise<HelpPageSetting | null> =>
  call('get', '/api/program/help-page');
// The document's HelpPageSetting is nullable because GET answers null until set; PUT answers the setting.
export const saveHelpPageSetting = (body: HelpPageSetting) =>
  call('put', '/api/program/help-page', { body }) as Promise<HelpPageSetting>;
