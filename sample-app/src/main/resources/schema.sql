create table orders (
	id varchar(36) primary key,
	customer varchar(200) not null,
	amount decimal(19, 2) not null,
	placed_at timestamp not null
);

create table order_audit (
	id bigint generated always as identity primary key,
	order_id varchar(36) not null,
	action varchar(200) not null,
	thread_name varchar(200) not null
);
