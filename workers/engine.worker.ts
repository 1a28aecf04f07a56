/// <reference lib="webworker" />
import { expose } from 'comlink';
import { createEngineApi } from './engine-api';

// The tab names its engine `fillbook-engine <tab id>`: its announcements carry the tab's id.
expose(createEngineApi({ source: self.name.replace(/^fillbook-engine /, '') }));
